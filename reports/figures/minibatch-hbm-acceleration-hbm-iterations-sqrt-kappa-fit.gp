# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-hbm-iterations-sqrt-kappa-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'hbm-iterations-sqrt-kappa: iterations to eps (HBM) against kappa' noenhanced
set xlabel 'kappa (log scale)' noenhanced
set ylabel 'iterations to eps (HBM) (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
10 27
30 48.99999999999999
100 88.00000000000003
300 167.99999999999997
1000 316.9999999999999
10 24.999999999999996
30 43.99999999999999
100 93.00000000000003
300 154.00000000000006
1000 279.9999999999999
10 23
30 46
100 90
300 144
1000 289.00000000000006
10 26.000000000000004
30 46
100 87
300 137.00000000000003
1000 318
10 24.999999999999996
30 46.99999999999999
100 88.00000000000003
300 126
1000 306
10 26.000000000000004
30 46.99999999999999
100 93.00000000000003
300 166.00000000000006
1000 307.9999999999999
10 27
30 46.99999999999999
100 90.99999999999997
300 156.99999999999994
1000 306.9999999999999
10 24.999999999999996
30 46
100 90.99999999999997
300 161.99999999999994
1000 312.00000000000006
10 26.000000000000004
30 46.99999999999999
100 93.00000000000003
300 155.00000000000003
1000 293.99999999999994
EOD
$S0_1 << EOD
10 26.000000000000004
30 46.99999999999999
100 90.99999999999997
300 155.00000000000003
1000 306.9999999999999
EOD
$S0_2 << EOD
10 26.263385084797235
30 47.025025275183545
100 89.03665270684569
300 159.42159894616205
1000 301.8470581626723
EOD
$S0_3 << EOD
10 28.13793897619244
30 48.73633992703791
100 88.97997582759449
300 154.11783898964416
1000 281.37938976192436
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope 0.5302 [0.5213, 0.5479]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: near 0.5' noenhanced
unset output
