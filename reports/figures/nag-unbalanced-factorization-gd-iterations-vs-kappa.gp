# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-unbalanced-factorization-gd-iterations-vs-kappa.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'GD (unbalanced init): iterations against kappa' noenhanced
set xlabel 'kappa' noenhanced
set ylabel 'iterations per factor e (tail)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
4 24.29578094483537
8 85.58818611179217
16 323.71376758472667
32 1267.1672482527574
64 5023.350001225409
EOD
$S0_1 << EOD
4 22.376450183264616
8 86.71393984668411
16 336.03665023498905
32 1302.2200409853754
64 5046.405009566975
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope 1.95' noenhanced
unset output
