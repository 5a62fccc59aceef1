# Median fit time per task configuration x method, as a heat map on a log
# colour scale (grey: every trial unsupported, no fit attempted).
# Input: fit_time.dat (written by periodbench run). Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/fit_time.gp
stats 'fit_time.dat' matrix rowheaders columnheaders nooutput
rows = STATS_size_y
cols = STATS_size_x
cell = cols * 110 > 2000 ? 2000.0 / cols : 110  # at most 2,400 pixels wide, however many columns
# Cairo refuses a canvas taller than 32,767 pixels: past ~1,250 tasks the
# rows get thinner than their labels (every number is in summary.md).
set terminal pngcairo size (400 + cell * cols), (160 + 26 * rows < 32000 ? 160 + 26 * rows : 32000) font ",10"
set output 'fit_time.png'
set termoption noenhanced
set datafile separator "\t"
set datafile missing "NaN"
set title "Median fit time per trial (wall clock, one core; log colour scale)"
set logscale cb
set format cb "%.0e"
set cbrange [1e-6:1e3]
set palette defined (0 "#ffffcc", 0.5 "#fd8d3c", 1 "#800026")
set cblabel "seconds (grey: unsupported)"
set xtics rotate by -30 left
set yrange [rows - 0.5:-0.5]
set xrange [-0.5:cols - 0.5]
unset key
set style fill solid 1.0 noborder
label(t) = t < 0 ? "unsupp." : t < 1e-3 ? sprintf("%.0f us", t * 1e6) : t < 1 ? sprintf("%.0f ms", t * 1e3) : sprintf("%.3g s", t)
plot 'fit_time.dat' matrix rowheaders columnheaders using 1:2:(0.5):(0.5):($3 < 0 ? NaN : $3) with boxxyerror fillcolor palette, \
     '' matrix rowheaders columnheaders using 1:2:(0.5):($3 < 0 ? 0.5 : NaN) with boxxyerror fillcolor rgb "#bdbdbd", \
     '' matrix rowheaders columnheaders using 1:2:(label($3)) with labels font ",8"
