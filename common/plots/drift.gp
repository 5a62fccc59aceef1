# The drift task (seed 0): the true local period against the local period
# of the best model of each method family (by nrmse_in, the '# best' lines
# of drift.dat, which holds every method), inside the training window and
# after it (the spacing of successive upward mean crossings; periodbench track).
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
best = system("grep '^# best' ".dir."/drift.dat | cut -f4 | paste -sd ' '")
names = system("grep '^# best' ".dir."/drift.dat | awk -F'\t' '{ printf \"%s%s (%s)\", n++ ? \"|\" : \"\", $3, $2 }'")
set title "drift: the truth's local period and that of the best model of each family (seed 0)"
set xlabel "time (samples)"
set ylabel "local period (samples)"
set grid
set key outside right
# distinct colours, none black (black is the truth)
array colours[10] = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99"]
plot dir.'/drift.dat' index 0 using 1:2 with lines lw 4 lc rgb "black" title "truth", \
     for [i=1:words(best)] dir.'/drift.dat' index (word(best, i) + 0) using 1:2 with lines lw 2 \
         lc rgb colours[(i - 1) % 10 + 1] title system(sprintf("echo '%s' | cut -d'|' -f%d", names, i))
