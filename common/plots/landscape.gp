# Why SGD fails on sin(31 x): the mean loss and mean gradient of y = sin(w x)
# over the sin31 training set, against w, on [0, 62] and zoomed on [30, 32].
# Input: landscape.dat, landscape_zoom.dat (periodbench landscape).
# Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/landscape.gp

set terminal pngcairo size 1000, 700 font ",10"
set termoption noenhanced
set datafile separator "\t"
do for [part in "landscape landscape_zoom"] {
    set output ''.part.'.png'
    set multiplot layout 2, 1 title (part eq "landscape" ? \
        "sin31: loss and gradient of y = sin(w x) against w (mean over all training points)" : \
        "zoom on w = 31: one narrow basin; elsewhere the gradient averages to noise")
    set grid
    set xlabel "w"
    set ylabel "mean loss"
    plot ''.part.'.dat' using 1:2 with lines lw 1.2 lc rgb "#1b6ca8" notitle
    set ylabel "mean dL/dw"
    plot ''.part.'.dat' using 1:3 with lines lw 1.2 lc rgb "#c0392b" notitle
    unset multiplot
}
