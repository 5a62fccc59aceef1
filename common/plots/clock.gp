# The Clock Problem: median share of test times read exactly (the whole
# HH:MM:SS), inside the 120-year window and outside it, on a log axis down
# to below chance (1 in 86,400, dashed); a 0 is drawn at the axis' floor.
# Only the methods that produced readings are bars; the others are listed
# with their statuses. Input: dir/clock.dat. Usage: gnuplot -e "dir='results/plots'" clock.gp
if (!exists("dir")) dir = 'results/plots'
rows = int(system("grep -c '^\"' ".dir."/clock.dat 2>/dev/null || echo 0"))
if (rows == 0) exit
listed = system("grep '^# listed' ".dir."/clock.dat | cut -f2 | sed 's/^clock(n=\\([0-9]*\\)) /n=\\1: /' | paste -sd '\n'")
set terminal pngcairo size (1000 + 60 * rows), 680 font ",10"
set output dir.'/clock.png'
set termoption noenhanced
set datafile separator "\t"
set title "Clock Problem: exact HH:MM:SS readings (median over seeds; chance is 1 in 86,400)"
set ylabel "share of test times read exactly"
set logscale y
set yrange [5e-8:2]
set format y "10^{%L}"
set termoption enhanced
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85
set boxwidth 0.9
set xtics rotate by -35 left noenhanced
set bmargin 14
set rmargin at screen 0.76
set tmargin 5
set key at screen 0.78, screen 0.3 left Left reverse noenhanced
set arrow from graph 0, first 1.0/86400 to graph 1, first 1.0/86400 nohead dt 2 lc rgb "black"
set label "chance (1/86,400)" at graph 0.01, first 1.6/86400 font ",9"
set label "floor: 0 (none read)" at graph 0.01, first 1.6e-7 font ",9" tc rgb "gray40"
set label "no readings (status):\n".listed at screen 0.78, screen 0.92 left font ",8" noenhanced
plot dir.'/clock.dat' using 2:xtic(1) title "inside [0, 120 y)" lc rgb "#4575b4", \
     '' using 3 title "outside: [120 y, 240 y) and [-120 y, 0)" lc rgb "#d73027"
