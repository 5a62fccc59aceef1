# How cost grows: seconds against N on log-log axes for each method, with
# the peer's curve where there is one (astropy's fast Lomb-Scargle). Input:
# dir/scaling.dat (written by make bench-peers). Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/scaling.gp
set datafile separator "\t"
# blocks: each begins with a quoted header row, record 0 of its block
blocks = 0
stats 'scaling.dat' using (blocks = blocks + (column(0) == 0), 0) nooutput
if (blocks < 1) exit
set terminal pngcairo size 900, 620 font ",10"
set output 'scaling.png'
set termoption noenhanced
set title "time against N (one core; median of repeated runs)"
set xlabel "N (samples)"
set ylabel "seconds"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set termoption enhanced
set grid
set key top left
plot for [i=0:blocks-1] 'scaling.dat' index i using 1:2 with linespoints pt 7 ps 0.8 lw 1.5 title columnheader(1)
