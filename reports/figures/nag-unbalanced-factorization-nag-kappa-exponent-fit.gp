# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-unbalanced-factorization-nag-kappa-exponent-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'nag-kappa-exponent: NAG iterations against kappa' noenhanced
set xlabel 'kappa (log scale)' noenhanced
set ylabel 'NAG iterations (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
2 46
4 100.00000000000004
8 202.99999999999997
2 144.99999999999997
4 254
8 481.99999999999994
2 32
4 44.99999999999999
8 90
2 49.99999999999999
4 101.00000000000003
8 199.99999999999991
2 103.00000000000001
4 164.99999999999994
8 297.00000000000006
2 59.999999999999986
4 103.99999999999999
8 202.99999999999997
2 26.000000000000004
4 52.00000000000001
8 108.00000000000003
2 110.99999999999997
4 193
8 362.00000000000017
2 24.999999999999996
4 51
8 106.99999999999996
EOD
$S0_1 << EOD
2 49.99999999999999
4 101.00000000000003
8 202.99999999999997
EOD
$S0_2 << EOD
2 54.818028405972704
4 100.8314018860659
8 185.46766277354098
EOD
$S0_3 << EOD
2 50.41570094303295
4 100.8314018860659
8 201.66280377213184
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope 0.8792 [0.7459, 1.071]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: near 1' noenhanced
unset output
