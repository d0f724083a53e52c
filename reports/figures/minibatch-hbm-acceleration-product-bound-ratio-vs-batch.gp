# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-product-bound-ratio-vs-batch.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'log10 of ||W^-1 Z_K W|| over the product-concentration bound at the empirical sigma_i' noenhanced
set xlabel 'B / B*' noenhanced
set ylabel 'log10 ratio to the bound; v' noenhanced
set format x '10^{%T}'
set logscale x
$S0_0 << EOD
0.001 -3042610.693445014 -506200.9330885574
0.01 -300416.7922120045 -57868.62799818724
0.1 -30288.76604518966 -5598.492890029927
0.3 -10055.269296121422 -2021.6191407916515
1 -3075.475554296658 -589.8471497775583
3 -1012.1658952082755 -191.7205502258824
EOD
$S0_1 << EOD
0.001 -696512.4994642112
0.01 -84905.72801326282
0.1 -8410.18362156246
0.3 -2848.701929026815
1 -828.1705702205186
3 -269.0457063810988
EOD
$S0_2 << EOD
0.001 801911.16021535
0.01 97761.79629557522
0.1 9687.696704435668
0.3 3282.864937457326
1 956.164738710602
3 311.62369254152793
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from graph 0, first 0 to graph 1, first 0 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90%' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced, \
     $S0_2 using 1:2 with points pt 7 ps 0.55 lc rgb '#d62728' title 'median v = sum sigma_i^2' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'bound = 0' noenhanced
unset output
