# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-asymmetric-init-control-kappa-exponent-too-small-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'control-kappa-exponent-too-small: iterations to eps against kappa' noenhanced
set xlabel 'kappa (log scale)' noenhanced
set ylabel 'iterations to eps (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
2 261.00000000000006
4 587.9999999999999
8 1392.0000000000005
2 316.9999999999999
4 836.0000000000001
8 2471.9999999999995
2 253.00000000000003
4 587.0000000000002
8 1407.9999999999998
2 183.00000000000009
4 457.00000000000017
8 1100.9999999999998
2 341.9999999999999
4 748.9999999999998
8 1826.999999999999
2 254
4 563.0000000000001
8 1198.9999999999998
2 245.0000000000001
4 542.9999999999999
8 1213.0000000000002
2 220.99999999999991
4 675.0000000000002
8 2043
2 269
4 584
8 1249
EOD
$S0_1 << EOD
2 254
4 587.0000000000002
8 1392.0000000000005
EOD
$S0_2 << EOD
2 256.1616608633743
4 592.0663122698988
8 1368.4425567175008
EOD
$S0_3 << EOD
2 418.65410431815747
4 592.0663122698988
8 837.308208636315
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope 1.209 [1.108, 1.604]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: at most 0.5' noenhanced
unset output
