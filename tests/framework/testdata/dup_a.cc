/* @applet dupe
   @help
Usage: dupe
*/
MC_APPLET(dupe) { return 0; }
