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
0.001 1.8663353398069003 2.1712268117736815
0.003 1.4509928500754055 1.6977291625895967
0.01 1.2437655841363047 1.4267581708351404
0.03 1.1337254724285335 1.2758402313980675
0.1 1.073215586185463 1.1870934534610216
0.3 1.039369734024818 1.129860288072509
1 1.0149797883650908 1.0902816900311478
2 1.0081555598707093 1.075211551642291
4 0.9980427634865576 1.0602132093254322
EOD
$S0_1 << EOD
0.001 2.016526629945634
0.003 1.572172853241109
0.01 1.3386390922623188
0.03 1.2084874130219323
0.1 1.1288472249160095
0.3 1.085295648375264
1 1.0580133147986865
2 1.0439292416558164
4 1.0326970314816823
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
