# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-rate-vs-batch.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'measured rate / sqrt(beta) against B / B*' noenhanced
set xlabel 'B / B*' noenhanced
set ylabel 'rate / sqrt(beta)' noenhanced
set format x '10^{%T}'
set logscale x
$S0_0 << EOD
0.001 1.867089188934038 2.1699882913325914
0.003 1.4506930580888695 1.6970284104811568
0.01 1.2433958906893976 1.4233175733067829
0.03 1.1361639591368071 1.2797209992653031
0.1 1.0706194620549063 1.1844858602354882
0.3 1.0364077723792278 1.1293867916852254
1 1.0152907094863814 1.0898523768705752
2 1.0022256608505924 1.0724272590078547
4 0.9956577358801951 1.0599666222078419
EOD
$S0_1 << EOD
0.001 2.0170558781323065
0.003 1.568379822439564
0.01 1.333915707184882
0.03 1.2098175817255545
0.1 1.1287660385911753
0.3 1.0851365677042975
1 1.0557261318343574
2 1.0431816530144054
4 1.0339490793711668
EOD
$S0_2 << EOD
0.001 1.05
0.003 1.05
0.01 1.05
0.03 1.05
0.1 1.05
0.3 1.05
1 1.05
2 1.05
4 1.05
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from first 2, graph 0 to first 2, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90% of runs' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median rate / sqrt(beta)' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title '1 + tau' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'B_emp = 2' noenhanced
unset output
