# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-unbalanced-factorization-gd-kappa-exponent-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'gd-kappa-exponent: GD iterations against kappa' noenhanced
set xlabel 'kappa (log scale)' noenhanced
set ylabel 'GD iterations (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
2 125.00000000000004
4 505.00000000000017
8 1959.9999999999995
2 978.0000000000003
4 2904
8 10413
2 66.99999999999997
4 124.00000000000003
8 429
2 144
4 516
8 1924.9999999999993
2 517.9999999999999
4 1270.0000000000002
8 4047.0000000000005
2 195.99999999999991
4 544.9999999999999
8 1950.0000000000005
2 48.99999999999999
4 156.99999999999994
8 593.0000000000002
2 604.0000000000001
4 1746.9999999999993
8 6036.000000000004
2 44.99999999999999
4 152.99999999999997
8 584
EOD
$S0_1 << EOD
2 144
4 516
8 1950.0000000000005
EOD
$S0_2 << EOD
2 160.96461984034815
4 525.2292876018491
8 1713.8288204473872
EOD
$S0_3 << EOD
2 131.30732190046226
4 525.2292876018491
8 2100.917150407397
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope 1.706 [1.339, 1.985]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: near 2' noenhanced
unset output
