# The drift task (seed 0): the true local period against the local period
# of the best model of each method family (by nrmse_in, the '# best' lines
# of drift.dat, which holds every method), inside the training window and
# after it (the spacing of successive upward mean crossings; periodbench track).
# Input: drift.dat. Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/drift.gp
set datafile separator "\t"
# blocks: each begins with a quoted header row, record 0 of its block
blocks = 0
stats 'drift.dat' using (blocks = blocks + (column(0) == 0), 0) nooutput
if (blocks < 2) exit
# The comment lines read as data: the window's end from "# drift ...:
# training window [a, b)", and the "# best" lines' block and names.
array best[blocks]
array names[blocks]
nbest = 0
window = NaN
set datafile commentschars ""
after(s, key) = strstrt(s, key) > 0 ? s[strstrt(s, key) + strlen(key):*] : ""
window_end(s) = after(s, "training window [") eq "" ? NaN : real(after(after(s, "training window ["), ", ")[1:strstrt(after(after(s, "training window ["), ", "), ")") - 1])
stats 'drift.dat' using (strcol(1) eq "# best" && nbest < blocks ? \
    (nbest = nbest + 1, best[nbest] = int(column(4)), names[nbest] = strcol(3)." (".strcol(2).")", 0) : \
    (strstrt(strcol(1), "training window [") > 0 ? (window = window_end(strcol(1)), 0) : 0)) nooutput
set datafile commentschars "#"
set terminal pngcairo size 1000, 640 font ",10"
set output 'drift.png'
set termoption noenhanced
stats 'drift.dat' index 0 using 1:2 nooutput
set yrange [0.75 * STATS_min_y : 1.3 * STATS_max_y]
if (window == window) {
    set arrow from window, graph 0 to window, graph 1 nohead dt 3 lc rgb "gray40"
    set label "end of the training window" at window, graph 0.97 right offset -0.5, 0 tc rgb "gray40"
}
set title "drift: the truth's local period and that of the best model of each family (seed 0)"
set xlabel "time (samples)"
set ylabel "local period (samples)"
set grid
set key outside right
# distinct colours, none black (black is the truth)
array colours[10] = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99"]
plot 'drift.dat' index 0 using 1:2 with lines lw 4 lc rgb "black" title "truth", \
     for [i=1:nbest] 'drift.dat' index best[i] using 1:2 with lines lw 2 \
         lc rgb colours[(i - 1) % 10 + 1] title names[i]
