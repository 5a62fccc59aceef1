# The Clock Problem: median share of test times read exactly, inside the
# 120-year window and outside it, on log axes down to below chance: the
# whole HH:MM:SS (chance 1 in 86,400), then each field on its own (hours:
# 1 in 24; minutes, seconds: 1 in 60), chance dashed; a 0 is drawn at the
# axis' floor. Only the methods that produced readings are bars; the others
# are listed with their statuses. Input: clock.dat.
# Usage (what periodbench plot does): cd DIR/plots && gnuplot PATH/clock.gp
data = 'clock.dat'
set datafile separator "\t"
# rows: one per method with readings; fields: (columns - 3) / 2
last_column(k) = k > 99 ? 99 : (valid(k) ? last_column(k + 1) : k - 1)
rows = 0
columns = 0
stats data using (rows = rows + 1, columns = last_column(2), 0) nooutput
if (rows == 0) exit
fields = columns > 3 ? (columns - 3) / 2 : 0
# The "# listed" comment lines, read as data: "clock(n=N) method: statuses" shown as "n=N: method: statuses"
short(s) = s[1:8] eq "clock(n=" && strstrt(s, ") ") > 0 ? "n=".s[9:strstrt(s, ") ") - 1].": ".s[strstrt(s, ") ") + 2:*] : s
listed = ""
set datafile commentschars ""
stats data using (strcol(1) eq "# listed" ? (listed = listed.(listed eq "" ? "" : "\n").short(strcol(2)), 0) : 0) nooutput
set datafile commentschars "#"
panels = 1 + (fields >= 3 ? 3 : 0)
names = "'the whole reading HH:MM:SS' 'hours on their own' 'minutes on their own' 'seconds on their own'"
chances = "86400 24 60 60"
bar = rows * 45 > 1400 ? 1400.0 / rows : 45  # at most 2,300 pixels wide
set terminal pngcairo size (900 + bar * rows), (430 * panels + 260) font ",10"
set output 'clock.png'
set logscale y
set yrange [5e-8:2]
set format y "10^{%L}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85
set boxwidth 0.9
set key at screen 0.78, screen 0.2 left Left reverse noenhanced
bottom = 260.0 / (430 * panels + 80)
set multiplot layout panels, 1 margins 0.07, 0.76, bottom, 0.94 spacing 0, 0.05 title "Clock Problem: share of test times read exactly (median over seeds; dashed: chance)"
set label 10 "no readings (status):\n".listed at screen 0.78, screen 0.95 left font ",8" noenhanced front
do for [p = 1:panels] {
    chance = 1.0 / word(chances, p)
    set title word(names, p)." (chance 1/".word(chances, p).")"
    set ylabel "share read exactly"
    if (p == panels) { set xtics rotate by -35 left noenhanced } else { unset xtics }
    set arrow 1 from graph 0, first chance to graph 1, first chance nohead dt 2 lw 1.5 lc rgb "black" front
    set label 1 "chance" at graph 0.005, first chance * 1.7 font ",8" front
    set label 2 "floor: 0 (none read)" at graph 0.005, first 1.6e-7 font ",8" tc rgb "gray40" front
    if (p == 1) { set key } else { unset key }
    if (p == panels) {
        plot data using (column(2 * p)):xtic(1) title "inside [0, 120 y)" lc rgb "#4575b4", \
             '' using (column(2 * p + 1)) title "outside: [120 y, 240 y) and [-120 y, 0)" lc rgb "#d73027"
    } else {
        plot data using (column(2 * p)) title "inside [0, 120 y)" lc rgb "#4575b4", \
             '' using (column(2 * p + 1)) title "outside: [120 y, 240 y) and [-120 y, 0)" lc rgb "#d73027"
    }
    unset label 10
}
unset multiplot
