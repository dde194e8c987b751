function f(a,b){if(a){return b}else{return a+b}}
