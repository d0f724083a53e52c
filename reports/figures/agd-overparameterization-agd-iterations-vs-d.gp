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
1 653.4695393949374
2 455.7289644653725
4 397.53476518186505
8 365.9902189727077
EOD
$S0_1 << EOD
1 600.2722512463527
2 499.9334372744834
4 416.3668088707078
8 346.76880281163193
EOD
$S0_2 << EOD
1 653.4695393949374
2 123.1834819829918
4 62.83977579741777
8 43.488826480856126
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope -0.26' noenhanced, \
     $S0_2 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#2ca02c' title 'width factor d/(sqrt d - sqrt(r-1))^2 (r = 3, scaled)' noenhanced
unset output
