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
0.001 1.3706605591944956 2.0924173545344713
0.003 1.226315453127847 1.5412865521658274
0.01 1.1294523242593295 1.2968229334719747
0.03 1.0749837176594448 1.1942581436491024
0.1 1.0372245523695285 1.1247930018457601
0.3 1.019883506391976 1.0820267133522152
1 1.0061369934081976 1.0627170614724661
2 1.0031695892901957 1.0509628378511422
4 0.9959580518134526 1.0415325752108167
EOD
$S0_1 << EOD
0.001 1.63189397328596
0.003 1.3888947701415395
0.01 1.207946278666222
0.03 1.12452507474427
0.1 1.077203410754793
0.3 1.0512707112728514
1 1.0328775917507762
2 1.0274286356827038
4 1.020410331337569
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
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90% of runs' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median rate / sqrt(beta)' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title '1 + tau' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced
unset output
