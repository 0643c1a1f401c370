fn main() {
    let q = std::env::args().nth(1).unwrap();
    let dir = chahao::index::Directory::open(std::path::Path::new("/tmp/ix")).unwrap();
    let u = chahao::search::understand::understand(&q).unwrap();
    let plan = chahao::search::plan::plan(dir.fields(), &u, &Default::default()).unwrap();
    let s = dir.searcher();
    println!("count {}", plan.count(&s).unwrap());
    for l in dir.all_listings().unwrap() {
        let h = chahao::search::rank::judge(l.clone(), &u);
        println!("{} {:?}", l.name, h.map(|h| h.kind));
    }
    println!("{:?}", chahao::text::keys::name_keys("中山大学"));
}
