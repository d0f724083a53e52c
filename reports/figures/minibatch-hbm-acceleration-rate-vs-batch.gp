# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-rate-vs-batch.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'measured rate / sqrt(beta) against B / B*' noenhanced
set xlabel 'B / B*' noenhanced
set ylabel 'rate / sqrt(beta)' noenhanced
set format x '%g'
set logscale x
$S0_0 << EOD
0.003 1.4641245545889388 1.7121529592667661
0.01 1.2742997402228793 1.430403438950571
0.03 1.122400975476756 1.264664562936422
0.1 1.0768464691634332 1.1700268814973929
0.3 1.037802040839157 1.1186182710380406
1 1.0249127076036249 1.0933718608158183
2 1.0070740812552998 1.0786502316813216
EOD
$S0_1 << EOD
0.003 1.5816184240030284
0.01 1.346548294358482
0.03 1.2001973485456796
0.1 1.121455311602256
0.3 1.0803549000353359
1 1.0583781823594574
2 1.0539548948959085
EOD
$S0_2 << EOD
0.003 1.05
0.01 1.05
0.03 1.05
0.1 1.05
0.3 1.05
1 1.05
2 1.05
EOD
set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lw 1.6 dt (3,3) lc rgb '#404040' front
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title '10%-90% of runs' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median rate / sqrt(beta)' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title '1 + tau' noenhanced, \
     keyentry with lines lw 1.6 dt (3,3) lc rgb '#404040' title 'B* = 1' noenhanced
unset output
