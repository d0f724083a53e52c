# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-product-norms-vs-batch.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title '||Y_K ... Y_1|| / ||T^K|| against B / B*' noenhanced
set xlabel 'B / B*' noenhanced
set ylabel '||Z_K|| / ||T^K||' noenhanced
set format x '10^{%T}'
set format y '10^{%T}'
set logscale x
set logscale y
$S0_0 << EOD
0.001 68727011745547.85 9.558186997282464e+25
0.01 43926.647208648836 20033705.380078334
0.1 8.228824172253956 907.4460493493522
0.3 2.591135697625307 75.77477851874005
1 1.149503383620192 16.70226862915299
3 1.0533128799378264 5.811862472585223
EOD
$S0_1 << EOD
0.001 5774570548910446
0.01 1135816.6401924735
0.1 113.36484562926549
0.3 13.297795517604037
1 4.425852025788332
3 2.132421255363659
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from graph 0, first 1 to graph 1, first 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90%' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title '||T^K|| = 1' noenhanced
unset output
