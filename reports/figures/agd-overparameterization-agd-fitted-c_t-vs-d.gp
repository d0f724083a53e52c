# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-overparameterization-agd-fitted-c_t-vs-d.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'AGD: fitted C_T = T / (width factor kappa^2 log(1/eps)) against d' noenhanced
set xlabel 'd / r' noenhanced
set ylabel 'fitted C_T' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
1 0.038362482025066924 0.1063497869715164
2 0.2014662000426219 0.43826715891170953
4 0.336224034358455 0.6591838202976079
8 0.4500859304970549 0.9660393016727741
EOD
$S0_1 << EOD
1 0.06545448058834663
2 0.26999820260701446
4 0.4646882686549918
8 0.575834235372664
EOD
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title 'min-max' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced
unset output
