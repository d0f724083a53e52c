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
1 1326.2068552540318
1.5 1005.9243425914484
2 880.8610210539473
3 785.9478912761214
4 726.5029909416033
6 667.0426172696489
8 628.8327474824121
EOD
$S0_1 << EOD
1 1184.7223017833048
1.5 1036.6715803470534
2 942.9898374547001
3 825.147600896754
4 750.5808172972913
6 656.7832823561441
8 597.4312139092733
EOD
$S0_2 << EOD
1 1326.2068552540318
1.5 330.58246119673095
2 249.99907174123265
3 159.82793946494257
4 127.53240422243235
6 100.48057407239035
8 88.25993612382797
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope -0.33' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#2ca02c' title 'width factor d/(sqrt d - sqrt(r-1))^2 (r = 3, scaled)' noenhanced
unset output
