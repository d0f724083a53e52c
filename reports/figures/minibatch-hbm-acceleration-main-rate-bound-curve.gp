# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 1120,500 dynamic enhanced font 'Helvetica,13' background rgb 'white'
set output 'minibatch-hbm-acceleration-main-rate-bound-curve.svg'
set multiplot layout 1,2 title 'main-rate-bound-curve' noenhanced font ',16'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'main-rate: metric under the predicted bound' noenhanced
set xlabel 'iteration k' noenhanced
set ylabel 'metric (log scale)' noenhanced
set format y '%g'
set logscale y
$S0_0 << EOD
0 0.4370027733419469 0.44513572708745636
EOD
$S0_1 << EOD
0 0.44045920542058586
EOD
$S0_2 << EOD
0 0.42996197431892735
EOD
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10-90% of runs' noenhanced, \
     $S0_1 using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'median of runs' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'predicted bound (median over runs)' noenhanced
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'main-rate: q-quantile of metric / bound (q = 0.5)' noenhanced
set xlabel 'iteration k' noenhanced
set ylabel 'metric / bound (log scale)' noenhanced
set format y '%g'
set logscale y
$S1_0 << EOD
0 1.0244143243557444
EOD
$S1_1 << EOD
0 1.0335117134447773
EOD
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
plot $S1_0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title '0.5-quantile (estimate)' noenhanced, \
     $S1_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'upper confidence bound (alpha 0.0005 per k)' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'bound = 1' noenhanced
unset multiplot
unset output
