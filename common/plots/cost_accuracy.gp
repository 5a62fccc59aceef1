# Cost against accuracy, the figure for choosing a method: per task family,
# each method's median fit time against its median error outside the window
# (nrmse_out; the clock: 1 - exact_out), coloured by success rate, the
# Pareto front (no method both faster and more accurate) ringed and joined.
# Input: dir/cost_accuracy.dat (two blocks per family: the methods, the front).
if (!exists("dir")) dir = 'results/plots'
blocks = int(system("grep -c '^\"' ".dir."/cost_accuracy.dat 2>/dev/null || echo 0"))
if (blocks < 2) exit
families = blocks / 2
cols = families < 3 ? families : 3
rows = (families + cols - 1) / cols
set terminal pngcairo size (620 * cols), (470 * rows) font ",9"
set output dir.'/cost_accuracy.png'
set termoption noenhanced
set datafile separator "\t"
set logscale xy
set format x "%.0e"
set format y "%.0e"
set cbrange [0:1]
set palette defined (0 "#b2182b", 0.5 "#f7f7f7", 1 "#2166ac")
set grid
unset key
set multiplot layout rows, cols title "Cost against accuracy: median fit time and median error outside the window per method (colour: success rate; ringed and joined: the Pareto front)"
do for [i = 0:families - 1] {
    name = system(sprintf("grep '^\"' %s/cost_accuracy.dat | sed -n '%dp' | cut -f1 | tr -d '\"'", dir, 2 * i + 1))
    what = system(sprintf("grep '^\"' %s/cost_accuracy.dat | sed -n '%dp' | cut -f2", dir, 2 * i + 1))
    set title name
    set xlabel "fit time (s)"
    set ylabel what
    if (i == families - 1) { set colorbox } else { unset colorbox }
    plot dir.'/cost_accuracy.dat' index (2 * i + 1) using 2:3 with lines lw 1.5 lc rgb "gray30", \
         '' index (2 * i + 1) using 2:3 with points pt 6 ps 2.6 lw 1.5 lc rgb "black", \
         '' index (2 * i) using 2:3:4 with points pt 7 ps 1.6 lc palette, \
         '' index (2 * i) using 2:3:1 with labels offset 0, 0.9 font ",7"
}
unset multiplot
