# The training-budget study (make compare-budget): per task family one
# figure, a row per task configuration, nrmse_in and nrmse_out (the clock:
# exact-reading rates, chance 1/86,400 dotted) against samples seen (steps x
# batch); one colour per network, one dash per batch and width; the other
# methods' level as flat grey lines. Input: budget.dat (pb_plot_budget).
data = 'budget.dat'
set datafile separator "\t"
# Each curve is a block whose header row is "task", label, kind, in-metric,
# out-metric, colour, dash; read as data (record 0 of each block).
curves = 0
stats data using (curves = curves + (column(0) == 0), 0) nooutput
if (curves == 0) exit
array T[curves]
array F[curves]
array K[curves]
array C[curves]
array D[curves]
array MI[curves]
array MO[curves]
family(t) = strstrt(t, "(") > 0 ? t[1:strstrt(t, "(") - 1] : t
n = 0
stats data using (column(0) == 0 ? (n = n + 1, T[n] = strcol(1), F[n] = family(strcol(1)), K[n] = strcol(3), \
    MI[n] = strcol(4), MO[n] = strcol(5), C[n] = int(column(6)), D[n] = int(column(7)), 0) : 0) nooutput
# the other methods' greys: the k-th reference curve of a task gets grey k
do for [i = 1:curves] {
    if (K[i] eq "reference") {
        C[i] = 1
        do for [j = 1:i - 1] { if (K[j] eq "reference" && T[j] eq T[i]) { C[i] = C[i] + 1 } }
    }
}
# a family's name in a file name: letters, digits, '-' and '_' only
safe_char(c) = strstrt("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", c) > 0 ? c : "_"
safe(s) = strlen(s) == 0 ? "" : safe_char(s[1:1]).safe(s[2:*])
array families[curves]
array tasks[curves]
array sel[curves]
nfam = 0
do for [i = 1:curves] {
    new = 1
    do for [j = 1:nfam] { if (families[j] eq F[i]) { new = 0 } }
    if (new) { nfam = nfam + 1; families[nfam] = F[i] }
}
greys = "gray30 gray55 gray75 gray45 gray65"
colours = "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #a6761d #e6ab02 #666666"
set logscale xy
set format x "%.0e"
set format y "%.0e"
set grid
set xlabel "samples seen (steps x batch)"
do for [f = 1:nfam] {
    fam = families[f]
    rows = 0
    do for [i = 1:curves] {
        if (F[i] eq fam) {
            new = 1
            do for [j = 1:rows] { if (tasks[j] eq T[i]) { new = 0 } }
            if (new) { rows = rows + 1; tasks[rows] = T[i] }
        }
    }
    set terminal pngcairo size 1600, (360 * rows + 70) font ",9"
    set output 'budget_'.safe(fam).'.png'
    set termoption noenhanced
    set multiplot layout rows, 2 title "Training budget, ".fam.": median over seeds against samples seen (colour: network; solid batch 32, dashed batch 1024, dotted wider net; greys: the other methods)"
    do for [r = 1:rows] {
        task = tasks[r]
        nsel = 0
        do for [i = 1:curves] { if (T[i] eq task) { nsel = nsel + 1; sel[nsel] = i } }
        metric_in = MI[sel[1]]
        metric_out = MO[sel[1]]
        exact = metric_in eq "exact_in"
        chance(x) = exact ? 1.0 / 86400 : NaN
        dash(i) = D[i] > 0 ? D[i] : 1
        do for [c = 2:3] {
            set title task.": ".(c == 2 ? metric_in." inside the window" : metric_out." outside it")
            set ylabel (c == 2 ? metric_in : metric_out)
            if (exact) { set yrange [5e-8:2] } else { set yrange [*:*] }
            if (c == 3) { set key outside right font ",8" } else { unset key }
            plot for [j = 1:nsel] data index (sel[j] - 1) using 1:c with linespoints \
                     lw (K[sel[j]] eq "network" ? 1.6 : 2.5) pt 7 ps 0.6 dt dash(sel[j]) \
                     lc rgb (K[sel[j]] eq "network" ? word(colours, 1 + (C[sel[j]] - 1) % 8) : word(greys, 1 + (C[sel[j]] - 1) % 5)) \
                     title columnheader(2), \
                 chance(x) with lines dt 3 lw 1.5 lc rgb "black" title (exact && c == 3 ? "chance 1/86,400" : "")
        }
    }
    unset multiplot
}
