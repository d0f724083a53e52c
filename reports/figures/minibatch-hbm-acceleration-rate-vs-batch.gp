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
0.03 1.1349745760997003 1.279847181634953
0.1 1.0748841301160228 1.1825416691041128
0.3 1.0340315720052535 1.131328997738717
1 1.0131357017504743 1.0913007211071217
2 1.0055230637684607 1.074963048016545
4 0.9939475708168527 1.0599950790105912
EOD
$S0_1 << EOD
0.001 2.016526629945634
0.003 1.572172853241109
0.01 1.3386390922623188
0.03 1.2081855301327695
0.1 1.1316615022384582
0.3 1.0871204480487857
1 1.057505987422886
2 1.0448336848421642
4 1.0334799948198787
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
