# The drift task (seed 0): the true local period against the local period
# of each method's model, inside the training window and after it (the
# spacing of successive upward mean crossings; see periodbench track).
# Input: dir/drift.dat. Usage: gnuplot -e "dir='results/plots'" drift.gp
if (!exists("dir")) dir = 'results/plots'
blocks = int(system("grep -c '^\"' ".dir."/drift.dat 2>/dev/null || echo 0"))
if (blocks < 2) exit
set terminal pngcairo size 1000, 640 font ",10"
set output dir.'/drift.png'
set termoption noenhanced
set datafile separator "\t"
stats dir.'/drift.dat' index 0 using 1:2 nooutput
window = real(system("awk '/training window/ { gsub(/[\\[\\),]/, \" \"); print $(NF) }' ".dir."/drift.dat"))
set yrange [0.75 * STATS_min_y : 1.3 * STATS_max_y]
set arrow from window, graph 0 to window, graph 1 nohead dt 3 lc rgb "gray40"
set label "end of the training window" at window, graph 0.97 right offset -0.5, 0 tc rgb "gray40"
set title "drift: local period of the truth and of each method's model (seed 0)"
set xlabel "time (samples)"
set ylabel "local period (samples)"
set grid
set key outside right
# distinct colours, none black (black is the truth)
array colours[10] = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99"]
plot dir.'/drift.dat' index 0 using 1:2 with lines lw 4 lc rgb "black" title columnheader(1), \
     for [i=1:blocks-1] dir.'/drift.dat' index i using 1:2 with lines lw 1.5 lc rgb colours[(i - 1) % 10 + 1] \
         title columnheader(1)
