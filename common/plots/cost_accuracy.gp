# Cost against accuracy, the figure for choosing a method: per task family,
# each method's median fit time against its median error outside the window
# (nrmse_out; the clock: 1 - exact_out), coloured by success rate, the
# Pareto front (no method both faster and more accurate) ringed and joined.
# Input: cost_accuracy.dat (two blocks per family: the methods, the front).
set datafile separator "\t"
# blocks: each begins with a quoted header row, record 0 of its block
blocks = 0
stats 'cost_accuracy.dat' using (blocks = blocks + (column(0) == 0), 0) nooutput
# each family's name and error measure, from the header of its first block
array names[blocks > 0 ? blocks : 1]
array whats[blocks > 0 ? blocks : 1]
heads = 0
stats 'cost_accuracy.dat' using (column(0) == 0 ? (heads = heads + 1, names[heads] = strcol(1), whats[heads] = strcol(2), 0) : 0) nooutput
if (blocks < 2) exit
all_families = blocks / 2
# A canvas taller than Cairo's 32,767 pixels is refused: at most 60 rows
# of panels (180 tasks) are drawn, and the title says how many were left out.
families = all_families < 180 ? all_families : 180
cols = families < 3 ? families : 3
rows = (families + cols - 1) / cols
left_out = all_families > families ? sprintf(" - the first %d of %d tasks; every one is in summary.md", families, all_families) : ""
set terminal pngcairo size (620 * cols), (470 * rows) font ",9"
set output 'cost_accuracy.png'
set termoption noenhanced
set logscale xy
set format x "%.0e"
set format y "%.0e"
set cbrange [0:1]
set palette defined (0 "#b2182b", 0.5 "#f7f7f7", 1 "#2166ac")
set grid
unset key
set multiplot layout rows, cols title "Cost against accuracy: median fit time and median error outside the window per method (colour: success rate, grey where none is defined: a data file without a known period; ringed and joined: the Pareto front)".left_out
do for [i = 0:families - 1] {
    name = names[2 * i + 1]
    what = whats[2 * i + 1]
    set title name
    set xlabel "fit time (s)"
    set ylabel what
    if (i == families - 1) { set colorbox } else { unset colorbox }
    plot 'cost_accuracy.dat' index (2 * i + 1) using 2:3 with lines lw 1.5 lc rgb "gray30", \
         '' index (2 * i + 1) using 2:3 with points pt 6 ps 2.6 lw 1.5 lc rgb "black", \
         '' index (2 * i) using 2:($4 < 0 ? NaN : $3):4 with points pt 7 ps 1.6 lc palette, \
         '' index (2 * i) using 2:($4 < 0 ? $3 : NaN) with points pt 7 ps 1.6 lc rgb "#bdbdbd", \
         '' index (2 * i) using 2:3:1 with labels offset 0, 0.9 font ",7"
}
unset multiplot
