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
0.03 0 0.011122108285392241
0.1 0.032572291832413995 0.09620085272554853
0.3 0.3418563715995361 0.4724196541260314
1 0.7858161083882677 0.8839509951254501
2 0.9124798732133993 0.9725662324734913
4 0.9745587907790926 0.9992471700282073
EOD
$S0_1 << EOD
0.001 0
0.003 0
0.01 0
0.03 0
0.1 0.059
0.3 0.406
1 0.839
2 0.948
4 0.993
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
