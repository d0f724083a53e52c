# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'nag-linear-network-nag-network-iterations-vs-kappa-x.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'NAG on a two-layer linear network: iterations / cond(W_2(0)) against cond(X)' noenhanced
set xlabel 'kappa_x' noenhanced
set ylabel 'iterations per factor e (tail) / cond(W_2(0))' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
2 1.9592548042709281
5 5.1709498443377155
10 10.485529329843665
20 20.925838456565625
40 42.30603716890234
EOD
$S0_1 << EOD
2 2.0005899192386165
5 5.096239650595421
10 10.33823511580401
20 20.972150573247824
40 42.54411848252626
EOD
plot $S0_0 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'measured (geometric mean over instances)' noenhanced, \
     $S0_1 using 1:2 with lines dt (8,5) lw 2.2 lc rgb '#d62728' title 'fitted slope 1.02' noenhanced
unset output
