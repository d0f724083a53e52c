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
0.001 68727011745547.164 1.111334640212151e+26
0.01 43926.6472086502 20033705.38007989
0.1 8.228824172250853 907.4460493492272
0.3 2.591135697624986 75.77477851876733
1 1.1495033836201407 16.7022686291527
3 1.053312879937753 5.811862472584251
EOD
$S0_1 << EOD
0.001 5774570548910467
0.01 1135816.6401924598
0.1 113.36484562926982
0.3 13.29779551760472
1 4.425852025784454
3 2.1324212553647137
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from graph 0, first 1 to graph 1, first 1 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90%' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title '||T^K|| = 1' noenhanced
unset output
