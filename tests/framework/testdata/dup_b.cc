/* @applet other
   @alias dupe
   @help
Usage: other
*/
MC_APPLET(other) { return 0; }
