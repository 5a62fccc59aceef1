# Median fit time per task configuration x method (log scale).
# Input: dir/fit_time.dat (written by periodbench run). Usage: gnuplot -e "dir='results/plots'" fit_time.gp
if (!exists("dir")) dir = 'results/plots'
stats dir.'/fit_time.dat' using 2 nooutput
n = STATS_records
set terminal pngcairo size (300 + 18 * n), 640 font ",9"
set output dir.'/fit_time.png'
set termoption noenhanced
set datafile separator "\t"
set title "Median fit time per trial (wall clock, one core)"
set ylabel "seconds"
set logscale y
set style fill solid 0.8
set boxwidth 0.7
set xtics rotate by -60 left
set bmargin 18
unset key
plot dir.'/fit_time.dat' using 0:($2 > 0 ? $2 : 1e-6):xtic(1) with boxes lc rgb "#4575b4"
