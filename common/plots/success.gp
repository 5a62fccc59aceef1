# Success rate per task configuration x method, as a heat map; a cell
# whose every trial was unsupported holds -1 and is drawn grey, labelled
# "unsupported" (it is not a 0 % failure); a data task's cell without a
# known period holds -2, grey, labelled "n/a".
# Input: success.dat (written by periodbench run). Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/success.gp
stats 'success.dat' matrix rowheaders columnheaders nooutput
rows = STATS_size_y
cols = STATS_size_x
cell = cols * 110 > 2000 ? 2000.0 / cols : 110  # at most 2,400 pixels wide, however many columns
# Cairo refuses a canvas taller than 32,767 pixels: past ~1,250 tasks the
# rows get thinner than their labels (every number is in summary.md).
set terminal pngcairo size (400 + cell * cols), (160 + 26 * rows < 32000 ? 160 + 26 * rows : 32000) font ",10"
set output 'success.png'
set termoption noenhanced
set datafile separator "\t"
set datafile missing "NaN"
set title "Success rate\n(tasks: nrmse_in and nrmse_out <= 0.1; clock: exact readings >= 99.9 %;\ndata: nrmse_out below both baselines and every known period found)"
set cbrange [-0.2:1]
set palette defined (-0.2 "#bdbdbd", -0.001 "#bdbdbd", 0 "#b2182b", 0.5 "#f7f7f7", 1 "#2166ac")
# -2 (no known period) is drawn at the bottom of the range: grey too.
set cbtics 0, 0.25, 1
set cblabel "share of seeds (grey: unsupported; n/a: no known period)"
set xtics rotate by -30 left
set yrange [rows - 0.5:-0.5]
set xrange [-0.5:cols - 0.5]
unset key
# cells as boxes (not "with image", which needs a grid of at least 2 x 2)
set style fill solid 1.0 noborder
plot 'success.dat' matrix rowheaders columnheaders using 1:2:(0.5):(0.5):($3 < 0 ? -0.2 : $3) with boxxyerror fillcolor palette, \
     'success.dat' matrix rowheaders columnheaders using 1:2:($3 < -1.5 ? "n/a" : $3 < 0 ? "unsupported" : sprintf("%.0f%%", $3 * 100)) with labels
