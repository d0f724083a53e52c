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
set format x '%g'
set logscale x
$S0_0 << EOD
0.003 0 0.08934108759932517
0.01 0 0.08934108759932517
0.03 0 0.08934108759932517
0.1 0.006876557452764328 0.18997303206416102
0.3 0.3213346116531244 0.6786653883468756
1 0.6777382740137998 0.9452469257248899
2 0.7130918705919115 0.9615602389072082
EOD
$S0_1 << EOD
0.003 0
0.01 0
0.03 0
0.1 0.05714285714285714
0.3 0.5
1 0.8428571428571429
2 0.8714285714285714
EOD
set arrow 1 from graph 0, first 0.9 to graph 1, first 0.9 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title 'Clopper-Pearson interval' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'success rate' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'required level = 0.9' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'predicted = 1' noenhanced
unset output
