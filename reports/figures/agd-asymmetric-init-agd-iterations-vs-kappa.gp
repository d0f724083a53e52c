# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-asymmetric-init-agd-iterations-vs-kappa.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'AGD (asymmetric init): iterations against kappa' noenhanced
set xlabel 'kappa' noenhanced
set ylabel 'iterations per factor e (tail)' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
3 30.8289121955235
10 134.7040818929206
30 609.3175282092818
100 4289.898458230486
EOD
$S0_1 << EOD
3 27.832955768339723
10 149.77689379148615
30 695.6167020733354
100 3743.3073861503417
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope 1.40' noenhanced
unset output
