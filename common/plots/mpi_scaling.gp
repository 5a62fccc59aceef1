# The makespan of make compare's plan and of a 1,000-seed sweep on 1 .. 1,024
# MPI ranks, simulated from measured trial costs and rank 0's measured cost
# per trial, beside the ideal (work / workers) and the longest trial.
# Input: mpi_scaling.dat (periodbench bench --scaling; make mpi-scaling).

set terminal pngcairo size 900, 560 font ",10"
set output 'mpi_scaling.png'
set termoption noenhanced
set datafile separator "\t"
set logscale xy
set title "Makespan against MPI ranks (simulated from measured costs; 2 workers per rank)"
set xlabel "MPI ranks"
set ylabel "seconds"
set grid
set key outside right
plot 'mpi_scaling.dat' using 1:2 with linespoints lw 2 lc rgb "#1b9e77" title "make compare", \
     '' using 1:3 with lines dt 2 lc rgb "#1b9e77" title "make compare, ideal", \
     '' using 1:4 with linespoints lw 2 lc rgb "#d95f02" title "1,000 seeds", \
     '' using 1:5 with lines dt 2 lc rgb "#d95f02" title "1,000 seeds, ideal", \
     '' using 1:6 with lines dt 3 lc rgb "gray40" title "longest single trial"
