package io.jdvc.experiments;

import io.jdvc.JdvcException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Experiment names as DVC checks and invents them: a name must make a valid Git ref and hold no {@code /}; an
 * unnamed experiment gets {@code <adjective>-<noun>} (five letters, then four), drawn until it is free for the
 * baseline. DVC's own word lists are longer; only the shape and the uniqueness matter to it.
 */
public final class ExpNames {
  private static final String[] ADJECTIVES = ("about,above,acold,acred,adept,adult,afoot,agile,aglow,alert,alike,"
      + "alive,amber,ample,angry,apart,apish,arced,ashen,awake,aware,azure,baggy,balmy,bared,basic,beady,blank,"
      + "bland,blond,bluer,bluey,bonny,boned,bossy,brave,brief,briny,brisk,broad,brown,bumpy,burly,bushy,calm"
      + "y,canny,cheap,chewy,chill,civic,civil,clean,clear,close,cocky,comfy,corny,crisp,cross,curly,curvy,cushy,"
      + "daily,dandy,dense,dippy,dizzy,dopey,dusky,dusty,eager,early,edged,eerie,elder,empty,equal,exact,faint,"
      + "fancy,fatal,fiery,final,first,fishy,fixed,flaky,fleet,fluid,focal,foggy,frail,fresh,frosy,funny,fuzzy,"
      + "giddy,given,glade,gleam,godly,grand,grave,great,green,gross,gusty,hairy,handy,happy,hardy,hasty,heady,"
      + "heavy,hefty,homey,husky,icier,ideal,inner,ionic,itchy,jaunt,jolly,jumpy,karmic,kempt,known,large,lawny,"
      + "leafy,lean,legal,level,light,lithe,livid,local,lofty,loose,loyal,lucid,lucky,lunar,lusty,magic,major,"
      + "manic,merry,milky,minor,misty,modal,moist,moody,mossy,muddy,murky,mushy,nasal,naval,neat,needy,newsy,"
      + "nifty,noble,noted,novel,oaken,ocher,olden,olive,other,outer,owing,pasty,peaky,perky,petty,plain,plumb,"
      + "plump,plush,polar,posed,prime,prize,proud,pudgy,quick,quiet,rainy,rapid,ready,regal,rigid,risky,roomy,"
      + "rough,round,royal,ruddy,rural,rusty,salty,sandy,sassy,saucy,scaly,shady,sharp,shiny,short,silky,silly,"
      + "sleek,slick,smart,snowy,solar,solid,sonic,south,spare,spicy,stark,steep,stern,stiff,stony,sunny,super,"
      + "swank,sweet,swift,tacit,tangy,tawny,teary,tense,terse,thick,tidal,tight,timid,tippy,total,tough,trial,"
      + "tried,tubby,ultra,uncut,unlit,upper,urban,usual,utter,vague,valid,vital,vivid,vocal,wacky,waxen,weary,"
      + "weedy,whole,windy,wiser,witty,woody,woozy,young,zesty,zingy,zonal").split(",");
  private static final String[] NOUNS = ("abac,abbe,acid,aeon,ages,alps,ammo,apex,arch,area,aria,arms,atom,aunt,"
      + "axis,babe,bach,bags,bait,bale,ball,band,bank,barb,bark,barn,base,bath,bays,beam,bean,bear,beds,beef,bell,"
      + "belt,bend,bike,bird,bite,blot,boar,boat,body,bolt,bond,bone,book,boom,boot,bore,bowl,bran,brig,buck,bulb,"
      + "bull,buoy,bush,cake,calf,camp,cane,cape,card,carp,cart,case,cask,cave,cell,chap,chef,chin,chip,city,clam,"
      + "clay,clod,club,coal,coat,code,coil,coin,colt,cone,cook,cord,cork,corn,cost,crab,crew,crop,crow,cube,cult,"
      + "curb,cusp,dame,dart,dash,date,dawn,deal,deck,deer,desk,dial,dice,dill,dime,dirt,disc,dish,dock,doge,dome,"
      + "door,dose,dove,drum,duck,dune,dusk,dust,duty,earl,ease,echo,edge,epic,euro,face,fact,fame,farm,fawn,fern,"
      + "fess,film,fire,firm,fish,flag,flat,flax,flea,flue,foal,foam,fold,font,food,fork,form,fowl,frog,fuel,fuse,"
      + "gaff,gait,gala,gale,game,gape,garb,gate,gear,gene,germ,gift,gild,girl,glen,glue,goal,goat,gold,golf,gong,"
      + "gown,grab,gram,grid,grip,grub,gulf,gull,gust,hack,hair,hake,half,hall,halo,hand,hank,harp,hart,hats,hawk,"
      + "haze,head,heap,heat,heel,helm,herb,herd,hero,hide,hill,hint,hive,hobo,hold,hole,home,hone,hood,hook,hoop,"
      + "horn,hose,host,hour,hubs,hull,hunt,icon,idea,inch,iris,iron,isle,item,jack,jade,jail,jamb,jazz,jeep,jest,"
      + "jets,jinx,jobs,joke,jolt,jury,kale,keel,keep,kelp,kern,keys,kids,kiln,kilt,kind,king,kite,knee,knot,lace,"
      + "lair,lake,lamb,lamp,land,lane,lark,lava,lawn,lead,leaf,leak,lens,liar,lift,lily,limb,lime,line,link,lion,"
      + "lira,loaf,lobe,lock,loft,loom,loop,lord,lore,lute,lynx,mace,maid,mail,malt,mane,mare,mark,mart,mask,mast,"
      + "mate,maze,meal,meat,memo,mesa,mesh,mile,milk,mill,mime,mine,mink,mint,mist,mite,moat,mode,mole,monk,moon,"
      + "moor,moss,moth,mule,muse,myth,nail,nape,navy,neck,nest,news,newt,node,noon,norm,nose,note,oath,oboe,odds,"
      + "ogre,orca,oven,pace,pack,page,pail,pain,pair,palm,park,pass,path,pawn,peak,pear,peat,peel,pier,pike,pine,"
      + "pipe,plan,plot,plum,poem,poet,pole,pond,pony,pool,port,post,prow,puck,pull,puma,pump,quay,quiz,raft,rail,"
      + "rain,ramp,rank,reed,reef,rein,rest,rice,ride,rift,ring,rink,road,robe,rock,role,roof,room,root,rope,rose,"
      + "ruby,rule,rune,rush,rust,sage,sail,sale,salt,sand,sash,seal,seam,seat,seed,shed,ship,shoe,shop,silk,sill,"
      + "site,skip,slab,sled,slip,slot,snag,snow,soap,sock,sofa,soil,song,soul,soup,spur,stag,star,stem,step,stew,"
      + "suit,swan,tack,tail,tank,tape,task,team,tent,term,tide,tile,till,time,toad,tofu,toga,tomb,tone,tool,tour,"
      + "town,tram,tray,tree,trio,tuba,tuna,turf,tusk,twig,unit,vase,veil,vein,vent,verb,vest,vial,vibe,view,vine,"
      + "vole,wade,wage,wand,ward,ware,wasp,wave,weed,well,whey,whip,wick,wife,wind,wine,wing,wire,wish,wolf,wood,"
      + "wool,word,work,worm,wren,yard,yarn,yawl,year,yoga,yoke,yolk,zinc,zone,zoom,zoon").split(",");
  // Not the global Random: a seeded test elsewhere must not make names collide (DVC's private Random does the same).
  private static final Random RANDOM = new SecureRandom();

  private ExpNames() {}

  /**
   * Refuses a name Git cannot store as the last part of an experiment ref, as DVC's {@code check_ref_format}
   * does, naming the rule broken.
   */
  public static void validate(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new JdvcException("invalid experiment name '" + name + "': " + problem,
          "use letters, digits, '-', '_' and '.' (not first or last), e.g. lr-0.02");
    }
  }

  private static String problem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.contains("/")) {
      return "it contains '/'";
    }
    if (name.contains("..")) {
      return "it contains '..'";
    }
    if (name.contains("@{")) {
      return "it contains '@{'";
    }
    for (char c : name.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
      if (" ~^:?*[\\".indexOf(c) >= 0) {
        return "it contains '" + c + "'";
      }
    }
    if (name.startsWith(".")) {
      return "it starts with '.'";
    }
    if (name.endsWith(".")) {
      return "it ends with '.'";
    }
    if (name.endsWith(".lock")) {
      return "it ends with '.lock'";
    }
    if (name.equals("@")) {
      return "'@' alone is not a ref name";
    }
    return null;
  }

  /** A fresh {@code adjective-noun} for which {@code taken} is false. */
  public static String random(Predicate<String> taken) {
    while (true) {
      String name = ADJECTIVES[RANDOM.nextInt(ADJECTIVES.length)] + "-" + NOUNS[RANDOM.nextInt(NOUNS.length)];
      if (name.matches("[a-z]{5}-[a-z]{4}") && !taken.test(name)) {
        return name;
      }
    }
  }
}
