# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-overparameterization-iterations-fall-with-d-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'iterations-fall-with-d: iterations to eps against d / r' noenhanced
set xlabel 'd / r (log scale)' noenhanced
set ylabel 'iterations to eps (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
1 982.9999999999999
2 710.9999999999998
4 619.0000000000001
8 564.0000000000002
1 458.00000000000017
2 340.0000000000001
4 289.00000000000006
8 217.99999999999997
1 689.9999999999998
2 532.9999999999999
4 394.00000000000006
8 396
1 682.0000000000001
2 429.9999999999999
4 412.0000000000001
8 376.00000000000006
1 990.0000000000001
2 522.0000000000002
4 454.99999999999994
8 471
1 474.00000000000017
2 386.00000000000006
4 349.9999999999999
8 338.9999999999999
1 824.9999999999999
2 662
4 565.0000000000002
8 484.0000000000002
1 642.9999999999998
2 404.00000000000017
4 365
8 347.00000000000006
1 412.0000000000001
2 284.00000000000006
4 259.99999999999994
8 239.99999999999997
EOD
$S0_1 << EOD
1 682.0000000000001
2 429.9999999999999
4 394.00000000000006
8 376.00000000000006
EOD
$S0_2 << EOD
1 600.6733285230366
2 500.2674722746504
4 416.6450080802444
8 347.000499490567
EOD
$S0_3 << EOD
1 456.54566587380407
2 456.54566587380407
4 456.54566587380407
8 456.54566587380407
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope -0.2639 [-0.3448, -0.1592]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: at most 0' noenhanced
unset output
