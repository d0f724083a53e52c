# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-critical-batch-rate.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'critical-batch: success rate against B / B*' noenhanced
set xlabel 'B / B* (log scale)' noenhanced
set ylabel 'success rate' noenhanced
set format x '10^{%T}'
set logscale x
$S0_0 << EOD
0.001 0 0.011122108285392241
0.003 0 0.011122108285392241
0.01 0 0.011122108285392241
0.03 1.3888985243947288e-08 0.013795670236700216
0.1 0.0355643380311724 0.10110627601201128
0.3 0.3553619161422755 0.48657503707459565
1 0.7670599107692336 0.8691235907986194
2 0.9200329992254607 0.9768565313429395
4 0.9762857032306635 0.999500636817747
EOD
$S0_1 << EOD
0.001 0
0.003 0
0.01 0
0.03 0.001
0.1 0.063
0.3 0.42
1 0.822
2 0.954
4 0.994
EOD
set arrow 1 from graph 0, first 0.9 to graph 1, first 0.9 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
set arrow 3 from first 2, graph 0 to first 2, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#8c564b' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title 'Clopper-Pearson interval' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'success rate' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'required level = 0.9' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'predicted = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#8c564b' title 'empirical threshold = 2' noenhanced
unset output
