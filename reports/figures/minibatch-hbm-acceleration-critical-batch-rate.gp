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
0.001 0 0.013082021757726225
0.003 0 0.013082021757726225
0.01 0 0.013082021757726225
0.03 0.0009889250901010524 0.02938265339238773
0.1 0.17656174450491652 0.29395350417644645
0.3 0.46038160793373056 0.5988176322878462
1 0.7879823825258456 0.8894696893386518
2 0.8466759188616673 0.9326850627465941
4 0.9300471729134301 0.9839799767073577
EOD
$S0_1 << EOD
0.001 0
0.003 0
0.01 0
0.03 0.008333333333333333
0.1 0.23166666666666666
0.3 0.53
1 0.8433333333333334
2 0.895
4 0.9633333333333334
EOD
set arrow 1 from graph 0, first 0.9 to graph 1, first 0.9 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title 'Clopper-Pearson interval' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'success rate' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'required level = 0.9' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'predicted = 1' noenhanced
unset output
