# The Clock Problem: median share of test times read exactly (whole HH:MM:SS),
# inside the 120-year window and outside it, per method (0 where a method
# returned no model). Input: dir/clock.dat. Usage: gnuplot -e "dir='results/plots'" clock.gp
if (!exists("dir")) dir = 'results/plots'
rows = int(system("grep -vc '^#' ".dir."/clock.dat 2>/dev/null || echo 0"))
if (rows == 0) exit
set terminal pngcairo size (420 + 70 * rows), 560 font ",10"
set output dir.'/clock.png'
set termoption noenhanced
set datafile separator "\t"
set title "Clock Problem: exact HH:MM:SS readings (chance is 1 in 86,400)"
set ylabel "share of test times read exactly (median over seeds)"
set yrange [0:1.05]
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85
set boxwidth 0.9
set xtics rotate by -35 left
set bmargin 17
set key top left
plot dir.'/clock.dat' using 2:xtic(1) title "inside [0, 120 y)" lc rgb "#4575b4", \
     '' using 3 title "outside: [120 y, 240 y) and [-120 y, 0)" lc rgb "#d73027"
