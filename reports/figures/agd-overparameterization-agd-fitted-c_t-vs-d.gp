# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.
set terminal svg size 820,560 dynamic enhanced font 'Helvetica,14' background rgb 'white'
set output 'agd-overparameterization-agd-fitted-c_t-vs-d.svg'
reset
set encoding utf8
set grid lc rgb '#dddddd' lw 1
set border lw 1.2
set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5
set style fill transparent solid 0.22 noborder
set offsets 0, 0, graph 0.04, graph 0.04
set title 'AGD: fitted C_T = T / (width factor kappa^2 log(1/eps)) against d' noenhanced
set xlabel 'd / r' noenhanced
set ylabel 'fitted C_T' noenhanced
set format x '%g'
set format y '%g'
set logscale x
set logscale y
$S0_0 << EOD
1 0.0339590577602935 0.12152704420146002
1.5 0.10334818087811995 0.3247048778865341
2 0.10634626100098139 0.39794267753882895
3 0.17189401289468562 0.6133986423786257
4 0.1977583957300669 0.6579861769457414
6 0.24739783585314848 0.7373563847377337
8 0.2910997645186685 0.9560936214465876
EOD
$S0_1 << EOD
1 0.05267673526551854
1.5 0.17337914253189302
2 0.19584411036571708
3 0.2759652079606615
4 0.3269505735075384
6 0.4640124173139176
8 0.530318128092339
EOD
plot $S0_0 using 1:2:3 with filledcurves fc rgb '#1f77b4' title 'min-max' noenhanced, \
     $S0_1 using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 lc rgb '#1f77b4' title 'median' noenhanced
unset output
