# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'minibatch-hbm-acceleration-b-emp-vs-kappa-bar.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'empirical critical batch against kappa_bar / sqrt(kappa), one point per instance' noenhanced
set xlabel 'kappa_bar / sqrt(kappa)' noenhanced
set ylabel 'rows per step' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
1.1237057575289253 3784.9829114775584
EOD
$S0_1 << EOD
1.1237057575289253 1892.4914557387792
EOD
plot $S0_0 using 1:2 with points pt 7 ps 0.55 lc rgb '#1f77b4' title 'B_emp' noenhanced, \
     $S0_1 using 1:2 with points pt 7 ps 0.55 lc rgb '#d62728' title 'B*' noenhanced
unset output
