# The training-budget study (make compare-budget): per task family one
# figure, a row per task configuration, nrmse_in and nrmse_out (the clock:
# exact-reading rates, chance 1/86,400 dotted) against samples seen (steps x
# batch); one colour per network, one dash per batch and width; the other
# methods' level as flat grey lines. Input: dir/budget.dat (pb_plot_budget).
if (!exists("dir")) dir = 'results/plots'
data = dir.'/budget.dat'
if (int(system("grep -c '^\"' '".data."' 2>/dev/null || true")) == 0) exit
# One line per curve: block index, task, family, kind, colour, dash, label, metrics.
meta = "awk -F'\t' '/^\"/{t=$1; gsub(/\"/,\"\",t); f=t; sub(/[(].*/,\"\",f); l=$2; gsub(/ /,\"~\",l); c=$6; if($3==\"reference\") c=++r[t]; print n++, t, f, $3, c, $7, l, $4, $5}' '".data."'"
families = system(meta." | awk '!s[$3]++{printf \"%s \", $3}'")
greys = "gray30 gray55 gray75 gray45 gray65"
colours = "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #a6761d #e6ab02 #666666"
set datafile separator "\t"
set logscale xy
set format x "%.0e"
set format y "%.0e"
set grid
set xlabel "samples seen (steps x batch)"
do for [fam in families] {
    tasks = system(meta." | awk '$3==\"".fam."\" && !s[$2]++{printf \"%s \", $2}'")
    rows = words(tasks)
    set terminal pngcairo size 1600, (360 * rows + 70) font ",9"
    set output dir.'/budget_'.fam.'.png'
    set termoption noenhanced
    set multiplot layout rows, 2 title "Training budget, ".fam.": median over seeds against samples seen (colour: network; solid batch 32, dashed batch 1024, dotted wider net; greys: the other methods)"
    do for [r = 1:rows] {
        task = word(tasks, r)
        sel = meta." | awk '$2==\"".task."\"'"
        blocks = system(sel." | awk '{printf \"%s \", $1}'")
        kinds = system(sel." | awk '{printf \"%s \", $4}'")
        cols = system(sel." | awk '{printf \"%s \", $5}'")
        dashes = system(sel." | awk '{printf \"%s \", $6}'")
        metric_in = system(sel." | awk 'NR==1{print $8}'")
        metric_out = system(sel." | awk 'NR==1{print $9}'")
        exact = metric_in eq "exact_in"
        chance(x) = exact ? 1.0 / 86400 : NaN
        dash(i) = int(word(dashes, i)) > 0 ? int(word(dashes, i)) : 1
        do for [c = 2:3] {
            set title task.": ".(c == 2 ? metric_in." inside the window" : metric_out." outside it")
            set ylabel (c == 2 ? metric_in : metric_out)
            if (exact) { set yrange [5e-8:2] } else { set yrange [*:*] }
            if (c == 3) { set key outside right font ",8" } else { unset key }
            plot for [i = 1:words(blocks)] data index int(word(blocks, i)) using 1:c with linespoints \
                     lw (word(kinds, i) eq "network" ? 1.6 : 2.5) pt 7 ps 0.6 dt dash(i) \
                     lc rgb (word(kinds, i) eq "network" ? word(colours, 1 + (int(word(cols, i)) - 1) % 8) : word(greys, 1 + (int(word(cols, i)) - 1) % 5)) \
                     title columnheader(2), \
                 chance(x) with lines dt 3 lw 1.5 lc rgb "black" title (exact && c == 3 ? "chance 1/86,400" : "")
        }
    }
    unset multiplot
}
