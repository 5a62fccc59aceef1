# Error against SNR on the tone task: RMS frequency error of each method
# over the seeds of each SNR, with the Cramer-Rao bound (RMS of the per-trial
# bound) as a dashed line. Input: dir/snr.dat (one block per method, the
# last block the bound). Usage: gnuplot -e "dir='results/plots'" snr.gp
if (!exists("dir")) dir = 'results/plots'
blocks = int(system("grep -c '^\"' ".dir."/snr.dat 2>/dev/null || echo 0"))
if (blocks < 2) exit
set terminal pngcairo size 900, 620 font ",10"
set output dir.'/snr.png'
set termoption noenhanced
set datafile separator "\t"
set title "tone (N = 1024): RMS frequency error against SNR"
set xlabel "SNR (dB)"
set ylabel "RMS frequency error (cycles per sample)"
set logscale y
set format y "%.0e"
set grid
set key outside right
plot for [i=0:blocks-2] dir.'/snr.dat' index i using 1:2 with linespoints pt 7 ps 0.8 title columnheader(1), \
     dir.'/snr.dat' index (blocks-1) using 1:2 with lines dt 2 lw 2 lc rgb "black" title columnheader(1)
