# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-unbalanced-factorization-nag-iterations-vs-kappa.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'NAG (unbalanced init): iterations against kappa' noenhanced
set xlabel 'kappa' noenhanced
set ylabel 'iterations per factor e (tail)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
4 4.697851475845633
8 9.318193482434209
16 18.7221097826501
32 37.75300289425246
64 75.94275537818925
EOD
$S0_1 << EOD
4 4.629561930225436
8 9.32979956099388
16 18.802029470655118
32 37.89109400520972
64 76.36064006560744
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope 1.01' noenhanced
unset output
