namespace a.b
string
