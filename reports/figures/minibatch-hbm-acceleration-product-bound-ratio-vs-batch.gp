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
set format x '%g'
set logscale x
$S0_0 << EOD
0.01 -103525.30712530189 -43229.20337532201
0.1 -10061.966088810053 -4413.57255459002
1 -1040.6090720137897 -427.90387972325084
EOD
$S0_1 << EOD
0.01 -51814.49314362581
0.1 -5212.709917246857
1 -527.2048592458448
EOD
$S0_2 << EOD
0.01 59663.637383369394
0.1 6005.6507476687
1 609.5265854727711
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
set arrow 2 from graph 0, first 0 to graph 1, first 0 nohead lw 1.6 dt (3,3) lc rgb '#9467bd' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90%' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced, \
     $S0_2 using 1:2 with points pt 7 ps 0.55 lc rgb '#d62728' title 'median v = sum sigma_i^2' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#9467bd' title 'bound = 0' noenhanced
unset output
