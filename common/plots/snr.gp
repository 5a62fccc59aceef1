# Error against SNR on the tone task: RMS frequency error of each method
# over the seeds of each SNR, with the Cramer-Rao bound (RMS of the per-trial
# bound) as a dashed line. Input: snr.dat (one block per method, the
# last block the bound). Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/snr.gp
set datafile separator "\t"
# blocks: each begins with a quoted header row, record 0 of its block
blocks = 0
stats 'snr.dat' using (blocks = blocks + (column(0) == 0), 0) nooutput
if (blocks < 2) exit
set terminal pngcairo size 900, 620 font ",10"
set output 'snr.png'
set termoption noenhanced
set title "tone (N = 1024): RMS frequency error against SNR"
set xlabel "SNR (dB)"
set ylabel "RMS frequency error (cycles per sample)"
set logscale y
set format y "%.0e"
set grid
set key outside right
plot for [i=0:blocks-2] 'snr.dat' index i using 1:2 with linespoints pt 7 ps 0.8 title columnheader(1), \
     'snr.dat' index (blocks-1) using 1:2 with lines dt 2 lw 2 lc rgb "black" title columnheader(1)
