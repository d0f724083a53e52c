# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-linear-network-control-nag-exponent-half-fit.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'control-nag-exponent-half: NAG iterations / cond(W_2(0)) against kappa_x' noenhanced
set xlabel 'kappa_x (log scale)' noenhanced
set ylabel 'NAG iterations / cond(W_2(0)) (log scale)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
2 35.01155309249451
6 107.87647535755457
18 315.7960792134245
2 35.170932932576164
6 111.19811227952255
18 321.88384010633996
2 32.751045282542236
6 99.57309283629502
18 311.76656279421786
2 36.19210735602936
6 104.14340739271718
18 293.74234483613714
2 37.77163420958522
6 112.22899368930133
18 338.6340199130754
2 34.870545628367715
6 106.37045355284452
18 312.0125344532809
2 32.23520347567055
6 94.68915223194692
18 279.16036302134825
2 34.57900329329058
6 104.3761663416612
18 299.09667418290735
2 31.803224611441586
6 108.0076392661749
18 318.35235397423173
EOD
$S0_1 << EOD
2 34.870545628367715
6 106.37045355284452
18 312.0125344532809
EOD
$S0_2 << EOD
2 35.064543797821564
6 104.9906437022948
18 314.36414312360245
EOD
$S0_3 << EOD
2 60.61637640391201
6 104.9906437022948
18 181.8491292117359
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'instances (geometric mean over runs)' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#d62728' title 'median over instances' noenhanced, \
     $S0_2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'fitted slope 0.9982 [0.953, 1.048]' noenhanced, \
     $S0_3 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#ff7f0e' title 'claimed slope: at most 0.5' noenhanced
unset output
