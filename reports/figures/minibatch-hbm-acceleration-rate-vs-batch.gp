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
0.001 1.8670891889340377 2.169988291332593
0.003 1.450693058088865 1.6970284104809854
0.01 1.2433958908487988 1.4233175733127421
0.03 1.1361639581151968 1.2797209968559393
0.1 1.0706180187052288 1.1844858500273023
0.3 1.0364110086739897 1.1293868197434602
1 1.0152911136017395 1.0898520234986784
2 1.002224371318862 1.0724276369348285
4 0.9956575746483969 1.059966424346442
EOD
$S0_1 << EOD
0.001 2.0170558781323065
0.003 1.5683798224397743
0.01 1.3339157070860874
0.03 1.209817574717643
0.1 1.1287660597538869
0.3 1.0851366657364165
1 1.0557283931860524
2 1.0431801415903872
4 1.0339525464058497
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
