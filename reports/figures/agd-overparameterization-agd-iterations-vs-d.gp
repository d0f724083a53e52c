# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-overparameterization-agd-iterations-vs-d.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'AGD (asymmetric init): iterations against the width d' noenhanced
set xlabel 'd / r' noenhanced
set ylabel 'iterations to eps' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
1 1127.8991938037746
1.5 880.8273888415603
2 790.2953475098659
3 695.2792785152067
4 648.5684804377277
6 604.4513203857412
8 572.8578882767183
EOD
$S0_1 << EOD
1 981.4054091395928
1.5 881.8074238284839
2 817.3337430249575
3 734.3865803397211
4 680.6916298462833
6 611.6116000039148
8 566.8933882846444
EOD
$S0_2 << EOD
1 1127.8991938037746
1.5 281.1504781416918
2 212.61671989669887
3 135.92887365621178
4 108.46248859027774
6 85.45571759051198
8 75.06243117720122
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope -0.26' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#2ca02c' title 'width factor d/(sqrt d - sqrt(r-1))^2 (r = 3, scaled)' noenhanced
unset output
