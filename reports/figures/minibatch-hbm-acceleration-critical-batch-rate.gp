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
0.001 0 0.002792199887812237
0.003 0 0.002792199887812237
0.01 0 0.002792199887812237
0.03 3.4722463290715637e-09 0.003465604790772964
0.1 0.052056530650915374 0.08557075841772477
0.3 0.37685474485704923 0.44219395057766736
1 0.8299505358057815 0.8769018239121074
2 0.9486408260452814 0.9740400657445364
4 0.9833564782876668 0.9961211418637612
EOD
$S0_1 << EOD
0.001 0
0.003 0
0.01 0
0.03 0.00025
0.1 0.0675
0.3 0.40925
1 0.8545
2 0.96275
4 0.99125
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
